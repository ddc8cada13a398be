package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuleSandboxTest {

    private static final Ruleset SHIPPED = Ruleset.load(Path.of("rules"));

    @Test
    void everyShippedFileIsInTheRuleLanguage() {
        for (String path : SHIPPED.paths()) {
            if (path.endsWith(".drl")) {
                assertThat(RuleSandbox.check(path, new String(SHIPPED.content(path), StandardCharsets.UTF_8)))
                        .as(path).isEmpty();
            }
        }
    }
}
