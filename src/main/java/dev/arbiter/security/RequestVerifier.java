package dev.arbiter.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Authenticates one signed request: the key exists, is in force and belongs to this
 * environment, the timestamp is within the window, the signature matches (compared in
 * constant time), and the nonce was not seen before. Each failure has its own code.
 */
public final class RequestVerifier {

    /** A request either names its caller or is refused. */
    public sealed interface Verdict permits Accepted, Refused {}

    /**
     * @param deferredNonce the request's nonce when the caller asked to record it itself (with the
     *     work the request authorizes), else null: the nonce is then recorded already
     */
    public record Accepted(Caller caller, SignedNonce deferredNonce) implements Verdict {
        public Accepted(Caller caller) {
            this(caller, null);
        }
    }

    public record Refused(Refusal refusal) implements Verdict {}

    private final Clients clients;
    private final NonceStore nonces;
    private final Clock clock;
    private final Duration window;
    private final KeyEnvironment environment;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    public RequestVerifier(
            Clients clients, NonceStore nonces, Clock clock, Duration window, KeyEnvironment environment) {
        this.clients = clients;
        this.nonces = nonces;
        this.clock = clock;
        this.window = window;
        this.environment = environment;
    }

    public KeyEnvironment environment() {
        return environment;
    }

    public Verdict verify(SignedRequest r) {
        return verify(r, false);
    }

    /**
     * Verifies the request; with {@code deferNonce} everything but recording the nonce, which
     * the caller must then record (with {@link NonceStore#firstUse(SignedNonce)}) in the same
     * transaction as whatever the request changes, and refuse the request if it was used.
     */
    public Verdict verify(SignedRequest r, boolean deferNonce) {
        String missing = missing(r);
        if (missing != null) {
            return refuse(
                    AuthFailure.MISSING_CREDENTIALS,
                    "The request is not signed: header " + missing
                            + " is missing. Send " + Signatures.KEY_ID + ", " + Signatures.TIMESTAMP + ", "
                            + Signatures.NONCE
                            + " and " + Signatures.SIGNATURE + " (see docs/security.md, or use scripts/arbiter-curl).");
        }
        Instant now = clock.instant();
        var found = clients.open(r.keyId());
        if (found.isEmpty()) {
            return refuse(
                    AuthFailure.UNKNOWN_KEY,
                    "No key has the id " + r.keyId()
                            + "; check the key id in your key file, or ask an admin to issue a key.");
        }
        KeyStore.StoredKey key = found.get().stored();
        // the signature first: only the key's holder learns whether it is revoked, expired or not yet valid
        String canonical = Signatures.canonical(r.method(), r.path(), r.rawQuery(), r.timestamp(), r.nonce(), r.body());
        String expected = Signatures.sign(found.get().secret(), canonical);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(
                expected.getBytes(), r.signature().toLowerCase().getBytes())) {
            return refuse(
                    AuthFailure.SIGNATURE_MISMATCH,
                    "The signature does not match the request. Compare the "
                            + "canonical string below with the one you signed (method, path, sorted query, timestamp, nonce, "
                            + "hex SHA-256 of the exact body bytes, joined by newlines).",
                    Map.of("canonicalString", canonical));
        }
        if (key.revokedAt() != null) {
            return refuse(
                    AuthFailure.KEY_REVOKED,
                    "Key " + key.keyId() + " was revoked at " + key.revokedAt()
                            + "; sign with another key of the client.");
        }
        if (now.isBefore(key.notBefore())) {
            return refuse(
                    AuthFailure.KEY_NOT_YET_VALID,
                    "Key " + key.keyId() + " is valid from " + key.notBefore() + "; server time is " + now + ".",
                    Map.of(
                            "serverTime",
                            now.toString(),
                            "notBefore",
                            key.notBefore().toString()));
        }
        if (key.notAfter() != null && !now.isBefore(key.notAfter())) {
            return refuse(
                    AuthFailure.KEY_EXPIRED,
                    "Key " + key.keyId() + " expired at " + key.notAfter() + "; server time is " + now
                            + ". Sign with a newer key.",
                    Map.of(
                            "serverTime",
                            now.toString(),
                            "notAfter",
                            key.notAfter().toString()));
        }
        if (key.environment() != environment) {
            return refuse(
                    AuthFailure.ENVIRONMENT_MISMATCH,
                    "Key " + key.keyId() + " is a " + key.environment().wire() + " key and this Arbiter is "
                            + environment.wire() + "; use a " + environment.wire() + " key.");
        }
        Instant sent = parseTimestamp(r.timestamp());
        if (sent == null || Duration.between(sent, now).abs().compareTo(window) > 0) {
            return refuse(
                    AuthFailure.TIMESTAMP_OUTSIDE_WINDOW,
                    "The timestamp " + r.timestamp()
                            + " is not within " + window.toSeconds() + " seconds of server time " + now.getEpochSecond()
                            + " (" + now + "); send the current time in Unix seconds and check the client's clock.",
                    Map.of(
                            "serverTime",
                            now.toString(),
                            "serverEpochSeconds",
                            now.getEpochSecond(),
                            "windowSeconds",
                            window.toSeconds()));
        }
        purgeNowAndThen(now);
        Caller caller =
                new Caller(key.clientId(), key.keyId(), key.role(), found.get().person());
        if (deferNonce) {
            return new Accepted(caller, new SignedNonce(key.keyId(), r.nonce(), now));
        }
        if (!nonces.firstUse(key.keyId(), r.nonce(), now)) {
            return refuse(AuthFailure.NONCE_REPLAYED, replayedDetail(key.keyId(), r.nonce()));
        }
        return new Accepted(caller);
    }

    static String replayedDetail(String keyId, String nonce) {
        return "The nonce " + nonce + " was already used with key " + keyId
                + "; send a new random nonce with every request.";
    }

    private static String missing(SignedRequest r) {
        if (blank(r.keyId())) {
            return Signatures.KEY_ID;
        }
        if (blank(r.timestamp())) {
            return Signatures.TIMESTAMP;
        }
        if (blank(r.nonce()) || r.nonce().length() > 128) {
            return Signatures.NONCE + " (1 to 128 characters)";
        }
        if (blank(r.signature())) {
            return Signatures.SIGNATURE;
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant parseTimestamp(String text) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(text.trim()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Nonces older than two windows can no longer be replayed (their timestamps fail), so they go. */
    private void purgeNowAndThen(Instant now) {
        Instant last = lastPurge.get();
        if (Duration.between(last, now).compareTo(window) > 0 && lastPurge.compareAndSet(last, now)) {
            nonces.purgeBefore(now.minus(window.multipliedBy(2)));
        }
    }

    private static Verdict refuse(AuthFailure failure, String detail) {
        return new Refused(Refusal.of(failure, detail));
    }

    private static Verdict refuse(AuthFailure failure, String detail, Map<String, Object> facts) {
        return new Refused(new Refusal(failure, detail, facts));
    }
}
