package dev.arbiter.audit;

import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For auditors: verify the chain, read the key that signs it, sign the head on demand. */
@RestController
@RequestMapping(path = "/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private final JdbcChainVerification verification;
    private final JdbcChain chain;
    private final JdbcCheckpoints checkpoints;
    private final SigningKey key;
    private final JdbcPurge purge;
    private final Clock clock;

    AuditController(JdbcChainVerification verification, JdbcChain chain, JdbcCheckpoints checkpoints, SigningKey key,
                    JdbcPurge purge, Clock clock) {
        this.verification = verification;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.key = key;
        this.purge = purge;
        this.clock = clock;
    }

    /** {@code from} and {@code to} are chain positions (1 is the first link); both optional. */
    @GetMapping("/verify")
    VerifyReport verify(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        List<Problems.FieldProblem> errors = new ArrayList<>();
        if (from != null && from < 1) {
            errors.add(new Problems.FieldProblem("from", "", "must be a chain position of at least 1", "an integer >= 1"));
        }
        if (to != null && to < 1) {
            errors.add(new Problems.FieldProblem("to", "", "must be a chain position of at least 1", "an integer >= 1"));
        }
        if (from != null && to != null && to < from) {
            errors.add(new Problems.FieldProblem("to", "", "is before from", "an integer >= from (" + from + ")"));
        }
        if (!errors.isEmpty()) {
            throw new AuditRefusal(Problems.INVALID_PARAMETER, "the range to verify is not valid", errors);
        }
        return verification.verify(from, to);
    }

    record PublicKeyView(String keyId, String algorithm, String publicKeyBase64, String publicKeyPem) {
    }

    @GetMapping("/public-key")
    PublicKeyView publicKey() {
        return new PublicKeyView(key.keyId(), "Ed25519", key.publicKeyBase64(), key.publicKeyPem());
    }

    record PurgeView(int purged, Instant asOf) {
    }

    /** Removes the personal data of every decision past its retain-until date now (the job also runs on a schedule). */
    @PostMapping("/purge")
    PurgeView purge() {
        return new PurgeView(purge.purgeDue(), clock.instant());
    }

    record CheckpointView(boolean created, Checkpoint checkpoint) {
    }

    /** Links what is pending and signs the head, unless the latest checkpoint already covers it. */
    @PostMapping("/checkpoints")
    CheckpointView checkpoint() {
        chain.linkPending(true);
        Optional<Checkpoint> made = checkpoints.signHead();
        return new CheckpointView(made.isPresent(), made.orElseGet(() -> checkpoints.latest().orElse(null)));
    }
}
