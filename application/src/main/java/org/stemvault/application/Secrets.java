package org.stemvault.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one way secrets are made and kept: 256 random bits shown once (a share link's token, a Drive
 * channel's token, a consent's state), of which only the SHA-256 is stored, and compared in
 * constant time.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** 256 random bits, base64url without padding (43 characters). */
    public static String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes());
    }

    /** 256 random bits, in hex (64 characters). */
    public static String randomHex() {
        return HexFormat.of().formatHex(bytes());
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The hex SHA-256 of a secret, as stored. */
    public static String sha256(String secret) {
        return HexFormat.of().formatHex(digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** The SHA-256 of bytes. */
    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code secret} hashes to {@code storedHash} (null: nothing stored), in time that does
     * not depend on where they differ.
     */
    public static boolean matches(String secret, String storedHash) {
        byte[] expected =
                (storedHash == null ? "0".repeat(64) : storedHash)
                        .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sha256(secret).getBytes(StandardCharsets.US_ASCII))
                && storedHash != null;
    }
}
