package dev.arbiter.security;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM with a fresh 96-bit nonce per message, laid out as {@code nonce || ciphertext || tag}.
 * The associated data binds a ciphertext to what it belongs to (a key id, a decision id), so a
 * sealed value copied onto another row does not open.
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    public static byte[] seal(byte[] key, byte[] plaintext, byte[] associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        GCMModeCipher gcm = cipher(true, key, nonce, associated);
        byte[] out = new byte[NONCE_BYTES + gcm.getOutputSize(plaintext.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        int n = gcm.processBytes(plaintext, 0, plaintext.length, out, NONCE_BYTES);
        try {
            gcm.doFinal(out, NONCE_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static byte[] open(byte[] key, byte[] sealed, byte[] associated) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealBrokenException();
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
        GCMModeCipher gcm = cipher(false, key, nonce, associated);
        byte[] out = new byte[gcm.getOutputSize(sealed.length - NONCE_BYTES)];
        int n = gcm.processBytes(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new SealBrokenException();
        }
        return out;
    }

    private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] associated) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associated));
        return gcm;
    }

    /** A ciphertext that does not open under this key and associated data: the wrong key, or tampering. */
    static final class SealBrokenException extends RuntimeException {
        SealBrokenException() {
            super("the sealed value does not open under this key (wrong master key, or the value was altered)");
        }
    }
}
