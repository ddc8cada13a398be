package dev.arbiter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fences Spring Modulith does not draw ({@link ModularityTest} checks cycles and module
 * APIs): the core stays free of frameworks and of the wall clock, shared plumbing knows no
 * feature.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {
        "dev.arbiter.recording..",
        "dev.arbiter.events..",
        "dev.arbiter.rules..",
        "dev.arbiter.ensemble..",
        "dev.arbiter.audit..",
        "dev.arbiter.review..",
        "dev.arbiter.fairness..",
        "dev.arbiter.personaldata..",
        "dev.arbiter.tools..",
        "dev.arbiter.stream..",
        "dev.arbiter.console.."
    };

    private static JavaClasses arbiter;

    @BeforeAll
    static void importClasses() {
        arbiter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.arbiter");
    }

    @Test
    void theDecisionCoreDependsOnTheJdkAlone() {
        classes()
                .that()
                .resideInAPackage("dev.arbiter.decision..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.arbiter.decision..", "java..")
                .because("the core must stay free of Spring, Drools, JDBC and Jackson")
                .check(arbiter);
    }

    @Test
    void theDecisionCoreImportsNoFrameworkByName() {
        noClasses()
                .that()
                .resideInAPackage("dev.arbiter.decision..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.drools..",
                        "org.kie..",
                        "java.sql..",
                        "javax.sql..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..")
                .check(arbiter);
    }

    @Test
    void theDecisionCoreReadsTimeOnlyFromAnInjectedClock() {
        noClasses()
                .that()
                .resideInAPackage("dev.arbiter.decision..")
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(arbiter);
    }

    @Test
    void theSharedHttpPlumbingKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.arbiter.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("dev.arbiter.security..")
                .because("problem rendering and request limits serve every module and belong to none")
                .check(arbiter);
    }

    @Test
    void storageKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.arbiter.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .andShould()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.arbiter.security..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("SecurityProperties"))))
                .because("the database's generated credentials are kept in the keys folder the security settings name;"
                        + " storage knows nothing else of any feature")
                .check(arbiter);
    }

    @Test
    void noModuleUsesTheOfflineTools() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.arbiter.tools..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.arbiter.tools..")
                .check(arbiter);
    }

    @Test
    void theHashingHelpersStandOnTheJdkAlone() {
        classes()
                .that()
                .resideInAPackage("dev.arbiter.hashing..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.arbiter.hashing..", "java..", "javax.crypto..", "org.erdtman.jcs..")
                .because("the JDK's digests and HMAC, and RFC 8785's number form from its reference"
                        + " implementation; nothing else")
                .check(arbiter);
    }
}
