package dev.arbiter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static JavaClasses arbiter;

    @BeforeAll
    static void importClasses() {
        arbiter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.arbiter");
    }

    @Test
    void theDecisionCoreDependsOnTheJdkAlone() {
        classes().that().resideInAPackage("dev.arbiter.decision..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.arbiter.decision..", "java..")
                .because("the core must stay free of Spring, Drools, JDBC and Jackson")
                .check(arbiter);
    }

    @Test
    void theDecisionCoreImportsNoFrameworkByName() {
        noClasses().that().resideInAPackage("dev.arbiter.decision..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.drools..", "org.kie..", "java.sql..", "javax.sql..",
                        "tools.jackson..", "com.fasterxml.jackson..")
                .check(arbiter);
    }

    @Test
    void theDecisionCoreReadsTimeOnlyFromAnInjectedClock() {
        noClasses().that().resideInAPackage("dev.arbiter.decision..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(arbiter);
    }

    @Test
    void onlyTheWebEdgeKnowsAboutHttp() {
        noClasses().that().resideOutsideOfPackages("dev.arbiter.web..", "dev.arbiter")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
                .check(arbiter);
    }

    @Test
    void theDomainModulesBuildOnTheCoreAloneAndKnowNoFramework() {
        for (String module : new String[] {"rules", "ensemble", "fairness", "audit"}) {
            noClasses().that().resideInAPackage("dev.arbiter." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "dev.arbiter.persistence..", "dev.arbiter.web..", "dev.arbiter.security..",
                            "dev.arbiter.tools..", "org.springframework..", "java.sql..", "javax.sql..")
                    .because(module + " is used by the adapters, never the other way round")
                    .check(arbiter);
        }
    }

    @Test
    void securityStandsAloneOnTheJdkAndBouncyCastle() {
        noClasses().that().resideInAPackage("dev.arbiter.security..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.arbiter.decision..", "dev.arbiter.persistence..", "dev.arbiter.web..",
                        "org.springframework..", "java.sql..")
                .check(arbiter);
    }

    @Test
    void storageKnowsNothingOfTheHttpEdge() {
        noClasses().that().resideInAPackage("dev.arbiter.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.arbiter.web..", "dev.arbiter.tools..")
                .check(arbiter);
    }
}
