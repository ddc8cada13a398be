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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

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

    AuditController(
            JdbcChainVerification verification,
            JdbcChain chain,
            JdbcCheckpoints checkpoints,
            SigningKey key,
            JdbcPurge purge,
            Clock clock) {
        this.verification = verification;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.key = key;
        this.purge = purge;
        this.clock = clock;
    }

    /**
     * {@code from} and {@code to} are chain positions (1 is the first link); both optional. Checks
     * the checkpoints in the database and in this node's checkpoint file.
     */
    @GetMapping("/verify")
    VerifyReport verify(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        checkRange(from, to);
        return verification.verify(from, to);
    }

    /**
     * As {@code GET}, and also against checkpoints a witness kept outside this database: the body
     * is a JSON array of checkpoints as {@code GET /v1/audit/checkpoints} lists them (or as the
     * lines of the checkpoint file). A checkpoint beyond the chain's head or whose head hash
     * the link at its position no longer has shows a truncated or rolled-back database.
     */
    @PostMapping(path = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    VerifyReport verifyWitnessed(
            @RequestParam(required = false) Long from,
            @RequestParam(required = false) Long to,
            @RequestBody JsonNode witnessed) {
        checkRange(from, to);
        if (!witnessed.isArray()) {
            throw new AuditRefusal(
                    Problems.INVALID_REQUEST,
                    "the body must be a JSON array of checkpoints",
                    List.of(Problems.FieldProblem.of(
                            "",
                            "is not an array",
                            "[{\"position\",\"headHash\",\"signedAt\",\"keyId\",\"signature\"}, ...]")));
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<Problems.FieldProblem> errors = new ArrayList<>();
        for (int i = 0; i < witnessed.size(); i++) {
            try {
                checkpoints.add(CheckpointFile.parse(witnessed.get(i), i + 1));
            } catch (IllegalArgumentException e) {
                errors.add(Problems.FieldProblem.of(
                        "[" + i + "]",
                        e.getMessage(),
                        "an object with position (integer), headHash, signedAt (ISO-8601 instant), keyId, signature"));
            }
        }
        if (!errors.isEmpty()) {
            throw new AuditRefusal(Problems.INVALID_REQUEST, "some witnessed checkpoints are not valid", errors);
        }
        return verification.verify(from, to, checkpoints);
    }

    private static void checkRange(Long from, Long to) {
        List<Problems.FieldProblem> errors = new ArrayList<>();
        if (from != null && from < 1) {
            errors.add(
                    new Problems.FieldProblem("from", "", "must be a chain position of at least 1", "an integer >= 1"));
        }
        if (to != null && to < 1) {
            errors.add(
                    new Problems.FieldProblem("to", "", "must be a chain position of at least 1", "an integer >= 1"));
        }
        if (from != null && to != null && to < from) {
            errors.add(new Problems.FieldProblem("to", "", "is before from", "an integer >= from (" + from + ")"));
        }
        if (!errors.isEmpty()) {
            throw new AuditRefusal(Problems.INVALID_PARAMETER, "the range to verify is not valid", errors);
        }
    }

    record PublicKeyView(String keyId, String algorithm, String publicKeyBase64, String publicKeyPem) {}

    @GetMapping("/public-key")
    PublicKeyView publicKey() {
        return new PublicKeyView(key.keyId(), "Ed25519", key.publicKeyBase64(), key.publicKeyPem());
    }

    record PurgeView(int purged, Instant asOf) {}

    /** Removes the personal data of every decision past its retain-until date now (the job also runs on a schedule). */
    @PostMapping("/purge")
    PurgeView purge() {
        return new PurgeView(purge.purgeDue(), clock.instant());
    }

    record CheckpointView(boolean created, Checkpoint checkpoint) {}

    record CheckpointList(List<Checkpoint> checkpoints, String keyId) {}

    /**
     * For a witness: the signed checkpoints past chain position {@code after}, oldest first, at
     * most {@code limit} (default 1000, at most 10000). Keep them (or at least the newest)
     * outside this host, with the public key, and post them to {@code POST /v1/audit/verify}.
     */
    @GetMapping("/checkpoints")
    CheckpointList checkpoints(
            @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "1000") int limit) {
        List<Problems.FieldProblem> errors = new ArrayList<>();
        if (after < 0) {
            errors.add(Problems.FieldProblem.of("after", "must not be negative", "a chain position >= 0"));
        }
        if (limit < 1 || limit > 10_000) {
            errors.add(Problems.FieldProblem.of("limit", "is out of range", "an integer from 1 to 10000"));
        }
        if (!errors.isEmpty()) {
            throw new AuditRefusal(Problems.INVALID_PARAMETER, "the checkpoint query is not valid", errors);
        }
        return new CheckpointList(checkpoints.after(after, limit), key.keyId());
    }

    /** Links what is pending and signs the head, unless the latest checkpoint already covers it. */
    @PostMapping("/checkpoints")
    CheckpointView checkpoint() {
        chain.linkPending(true);
        Optional<Checkpoint> made = checkpoints.signHead();
        return new CheckpointView(
                made.isPresent(), made.orElseGet(() -> checkpoints.latest().orElse(null)));
    }
}
