package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Spring Modulith's view of Arbiter: one module per feature, no cycles, no reaching into another's internals. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(ArbiterApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublicApi() {
        MODULES.verify();
    }

    @Test
    void everyFeatureIsAModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains(
                        "decision",
                        "recording",
                        "ensemble",
                        "rules",
                        "audit",
                        "review",
                        "fairness",
                        "security",
                        "personaldata",
                        "web",
                        "storage");
    }
}
