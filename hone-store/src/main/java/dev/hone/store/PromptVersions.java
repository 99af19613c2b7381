package dev.hone.store;

import dev.hone.config.ClassificationSetup;
import dev.hone.config.GenerateConfig;
import dev.hone.config.GenerationConfig;
import dev.hone.config.HoneConfig;
import dev.hone.config.StrategyConfig;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.zeroshot.ZeroShotConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prompt versions a config's strategies use, by strategy name, read from the typed config: an
 * LLM classifier's system, user and demonstration templates, a generator's system and user
 * templates (hashed as results.json's {@code prompt_sha256} is), and a zero-shot template.
 */
public final class PromptVersions {
    private PromptVersions() {
    }

    public static Map<String, PromptVersion> of(HoneConfig config) {
        Map<String, PromptVersion> versions = new LinkedHashMap<>();
        switch (config.setup()) {
            case ClassificationSetup c -> {
                for (StrategyConfig s : c.strategies()) {
                    PromptVersion version = of(s);
                    if (version != null) versions.put(s.name(), version);
                }
            }
            case GenerationConfig g -> {
                for (GenerateConfig s : g.strategies()) {
                    versions.put(s.name(), PromptVersion.of(templates("system", s.systemTemplate(), "user", s.userTemplate())));
                }
            }
            default -> {
            }
        }
        return versions;
    }

    private static PromptVersion of(StrategyConfig strategy) {
        return switch (strategy) {
            case LlmConfig l -> PromptVersion.of(templates("system", l.systemTemplate(), "user", l.userTemplate(),
                    "demonstration", l.demonstrationTemplate()));
            case ZeroShotConfig z -> z.template() == null ? null : PromptVersion.of(templates("template", z.template()));
            default -> null;
        };
    }

    private static LinkedHashMap<String, String> templates(String... roleThenText) {
        LinkedHashMap<String, String> templates = new LinkedHashMap<>();
        for (int i = 0; i < roleThenText.length; i += 2) templates.put(roleThenText[i], roleThenText[i + 1] == null ? "" : roleThenText[i + 1]);
        return templates;
    }
}
