package org.stemvault.application.drive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals refresh tokens at rest: AES-256-GCM (NIST SP 800-38D) with a random 96-bit nonce per token
 * and the owner's id as associated data, so a sealed token copied to another member's row does not
 * open. Each sealed token names its key ({@code keyId}); tokens are sealed under the current key
 * and opened under the key they name, so keys rotate by adding a new current key and keeping the
 * old ones until every token was sealed again (each is at its next use).
 */
public final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sealed token and the key it was sealed under. */
    public record Sealed(String keyId, String value) {}

    private final Map<String, SecretKey> keys;
    private final String current;

    /**
     * {@code keys}: key id to 32 bytes of key; {@code current}: the id new tokens are sealed under.
     */
    public TokenCipher(Map<String, byte[]> keys, String current) {
        if (!keys.containsKey(current)) {
            throw new IllegalArgumentException("the current key '" + current + "' is not given");
        }
        this.keys =
                keys.entrySet().stream()
                        .collect(
                                java.util.stream.Collectors.toUnmodifiableMap(
                                        Map.Entry::getKey, e -> key(e.getKey(), e.getValue())));
        this.current = current;
    }

    private static SecretKey key(String id, byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException(
                    "the key '" + id + "' must be 32 bytes (AES-256), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String currentKey() {
        return current;
    }

    public Sealed seal(String token, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return new Sealed(current, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The token; {@link IllegalStateException} when its key is gone or it does not open. */
    public String open(Sealed sealed, String owner) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException(
                    "a Drive token is sealed under the key '"
                            + sealed.keyId()
                            + "', which is no longer configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.value());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(
                    cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a Drive token does not open under its key", e);
        }
    }
}
