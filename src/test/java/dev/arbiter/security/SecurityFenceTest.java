package dev.arbiter.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SecurityFenceTest {

    private static final String[] CORE = {
        "AesGcm",
        "AuthFailure",
        "Authorization",
        "Caller",
        "Clients",
        "KeyEnvironment",
        "KeyStore",
        "LocalKeys",
        "MasterKey",
        "MissingMasterKeyException",
        "NonceStore",
        "Refusal",
        "RequestVerifier",
        "Role",
        "Signatures",
        "SignedRequest"
    };

    @Test
    void theSecurityModuleDependsOnTheJdkAndBouncyCastleAlone() {
        // the module also holds its HTTP filter, admin controller and wiring; the signing, keys and
        // authorization they call stay framework-free
        classes()
                .that()
                .haveNameMatching("dev\\.arbiter\\.security\\.(" + String.join("|", CORE) + ")(\\$.*)?")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.arbiter.security..", "java..", "org.bouncycastle..", "dev.arbiter.hashing..")
                .because("signing, keys and authorization stay testable without Spring or HTTP")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.arbiter.security"));
    }
}
