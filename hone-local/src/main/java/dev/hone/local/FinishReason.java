package dev.hone.local;

/** Why an answer ended. */
public enum FinishReason {
    /** One of the model's stop ids, or one of the settings' stop strings, ended it. */
    STOP,
    /** It reached {@code maxNewTokens} or the longest sequence the model reads. */
    LENGTH
}
