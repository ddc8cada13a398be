package dev.arbiter.audit;

import dev.arbiter.hashing.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 key that signs checkpoints. Its id is the first 16 hex digits of the SHA-256
 * of the raw public key, so an auditor can tell keys apart without trusting a name.
 */
public final class SigningKey {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final String keyId;

    private SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.keyId = keyId(publicKey);
    }

    /** A key from the base64 of its 32-byte private seed. */
    public static SigningKey fromBase64(String seed) {
        byte[] bytes = Base64.getDecoder().decode(seed.trim());
        if (bytes.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, got " + bytes.length);
        }
        return new SigningKey(new Ed25519PrivateKeyParameters(bytes, 0));
    }

    public static SigningKey generate(SecureRandom random) {
        return new SigningKey(new Ed25519PrivateKeyParameters(random));
    }

    /**
     * Reads the key from {@code file}, creating it (readable by the owner only) when absent.
     * Creation writes a temporary file and moves it in place, so two starting nodes never
     * end up with half a key or with different keys.
     */
    public static SigningKey loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path temp = Files.createTempFile(dir, ".signing", ".tmp");
                restrict(temp);
                SigningKey fresh = generate(random);
                Files.writeString(temp, fresh.privateBase64() + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(temp);
                }
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // on a non-POSIX file system the directory's permissions have to protect the key
        }
    }

    public static String keyId(byte[] publicKey) {
        return Digests.sha256Hex(publicKey).substring(0, 16);
    }

    public String keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** The public key as a PEM SubjectPublicKeyInfo, readable by OpenSSL ({@code openssl pkey -pubin}). */
    public String publicKeyPem() {
        byte[] der = new byte[SPKI_PREFIX.length + publicKey.length];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(publicKey, 0, der, SPKI_PREFIX.length, publicKey.length);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }

    /** Base64 of the Ed25519 signature of {@code message}. */
    public String sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    public static boolean verify(byte[] publicKey, byte[] message, String signatureBase64) {
        try {
            byte[] signature = Base64.getDecoder().decode(signatureBase64);
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private String privateBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }
}
