package dev.authbridge.seed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2307-style password values: {@code {SCHEME}base64(digest || salt)}, as OpenLDAP
 * ({@code slappasswd}, pw-sha2), ApacheDS and 389-ds write them. Hashing uses a 16-byte random
 * salt; verification knows the salted and unsalted SHA family and compares digests in constant
 * time.
 */
public final class PasswordHashes {
    private static final Pattern SCHEME = Pattern.compile("\\{([A-Za-z0-9._-]+)}(.*)", Pattern.DOTALL);
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {}

    /** Whether the value names a scheme ({@code {SSHA}…}, {@code {CRYPT}…}): already hashed. */
    public static boolean isHashed(String value) {
        return SCHEME.matcher(value).matches();
    }

    /** {@code plaintext} hashed with a fresh salt, e.g. {@code {SSHA512}…}. */
    public static String hash(PasswordScheme scheme, String plaintext) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return hash(scheme, plaintext, salt);
    }

    static String hash(PasswordScheme scheme, String plaintext, byte[] salt) {
        String algorithm = switch (scheme) {
            case SSHA512 -> "SHA-512";
            case SSHA256 -> "SHA-256";
            case SSHA -> "SHA-1";
            default -> throw new IllegalArgumentException("not a local hashing scheme: " + scheme);
        };
        byte[] digest = digest(algorithm, plaintext.getBytes(StandardCharsets.UTF_8), salt);
        byte[] value = Arrays.copyOf(digest, digest.length + salt.length);
        System.arraycopy(salt, 0, value, digest.length, salt.length);
        return "{" + scheme.name() + "}" + Base64.getEncoder().encodeToString(value);
    }

    /**
     * Whether {@code stored} is {@code plaintext}: a plain value is compared as it is, a hashed
     * one by recomputing its digest. Empty when the scheme is one this class does not know
     * ({@code {CRYPT}}, {@code {ARGON2}}…): the caller must ask the server (a bind).
     */
    public static Optional<Boolean> verify(String stored, String plaintext) {
        Matcher m = SCHEME.matcher(stored);
        byte[] password = plaintext.getBytes(StandardCharsets.UTF_8);
        if (!m.matches()) {
            return Optional.of(MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), password));
        }
        String scheme = m.group(1).toUpperCase(Locale.ROOT);
        String algorithm = switch (scheme) {
            case "SSHA", "SHA" -> "SHA-1";
            case "SSHA256", "SHA256" -> "SHA-256";
            case "SSHA384", "SHA384" -> "SHA-384";
            case "SSHA512", "SHA512" -> "SHA-512";
            case "CLEARTEXT" -> "";
            default -> null;
        };
        if (algorithm == null) {
            return Optional.empty();
        }
        if (algorithm.isEmpty()) {
            return Optional.of(MessageDigest.isEqual(m.group(2).getBytes(StandardCharsets.UTF_8), password));
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(m.group(2).trim());
        } catch (IllegalArgumentException e) {
            return Optional.of(false);
        }
        int length = digestLength(algorithm);
        if (decoded.length < length || (!scheme.startsWith("S") && decoded.length != length)) {
            return Optional.of(false);
        }
        byte[] salt = Arrays.copyOfRange(decoded, length, decoded.length);
        byte[] expected = Arrays.copyOf(decoded, length);
        return Optional.of(MessageDigest.isEqual(expected, digest(algorithm, password, salt)));
    }

    private static int digestLength(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).getDigestLength();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    private static byte[] digest(String algorithm, byte[] password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(password);
            md.update(salt);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
