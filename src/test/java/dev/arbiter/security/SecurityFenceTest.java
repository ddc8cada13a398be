package dev.arbiter.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SecurityFenceTest {

    /** The module's adapters: its HTTP endpoints and filter, JDBC stores and Spring wiring. */
    private static final String ADAPTERS = "dev\\.arbiter\\.security\\.(Jdbc.*|.*Controller|.*Configuration|SecurityWeb"
            + "|SignedRequests|CachedBodyRequest|CallerArgument|ClientRateLimits|SecurityProperties"
            + "|SecurityStartupFailure)(\\$.*)?";

    @Test
    void theSecurityModuleDependsOnTheJdkAndBouncyCastleAlone() {
        classes().that().resideInAPackage("dev.arbiter.security..").and().haveNameNotMatching(ADAPTERS)
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.arbiter.security..", "java..",
                        "org.bouncycastle..", "dev.arbiter.hashing..")
                .because("signing, keys and personal-data encryption stay testable without Spring or HTTP")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.arbiter.security"));
    }
}
