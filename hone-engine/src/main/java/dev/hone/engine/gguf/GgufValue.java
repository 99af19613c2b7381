package dev.hone.engine.gguf;

import java.util.List;

/**
 * A metadata value of the types Hone writes, each with GGUF's type id. A key's type is part of the
 * format: llama.cpp reads {@code llama.block_count} as a uint32 and {@code llama.rope.freq_base}
 * as a float32, and refuses another type.
 */
public sealed interface GgufValue {

    /** GGUF's id for the value's type. */
    int typeId();

    int UINT32 = 4;
    int INT32 = 5;
    int FLOAT32 = 6;
    int BOOL = 7;
    int STRING = 8;
    int ARRAY = 9;

    record UInt32(long value) implements GgufValue {
        public UInt32 {
            if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException("a uint32 is within [0, 2^32), got " + value);
        }

        @Override
        public int typeId() {
            return UINT32;
        }
    }

    record Float32(float value) implements GgufValue {
        @Override
        public int typeId() {
            return FLOAT32;
        }
    }

    record Bool(boolean value) implements GgufValue {
        @Override
        public int typeId() {
            return BOOL;
        }
    }

    record Text(String value) implements GgufValue {
        public Text {
            if (value == null) throw new IllegalArgumentException("a string value is required");
        }

        @Override
        public int typeId() {
            return STRING;
        }
    }

    /** An array of strings (a vocabulary's tokens, its merges). */
    record TextArray(List<String> values) implements GgufValue {
        public TextArray {
            values = List.copyOf(values);
        }

        @Override
        public int typeId() {
            return ARRAY;
        }
    }

    /** An array of int32 (a vocabulary's token types). */
    record Int32Array(int[] values) implements GgufValue {
        public Int32Array {
            values = values.clone();
        }

        @Override
        public int typeId() {
            return ARRAY;
        }
    }
}
