package dev.hone.engine.train;

/** Linear layers of a BERT layer that LoRA adapters can wrap, with their Hugging Face module names. */
public enum LoraTarget {
    QUERY("attention.self.query"),
    KEY("attention.self.key"),
    VALUE("attention.self.value"),
    ATTENTION_OUTPUT("attention.output.dense"),
    INTERMEDIATE("intermediate.dense"),
    OUTPUT("output.dense");

    private final String moduleName;

    LoraTarget(String moduleName) {
        this.moduleName = moduleName;
    }

    /** Module path inside {@code encoder.layer.N}, as PEFT names it. */
    public String moduleName() {
        return moduleName;
    }
}
