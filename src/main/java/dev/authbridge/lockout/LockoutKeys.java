package dev.authbridge.lockout;

import dev.authbridge.directory.Account;
import dev.authbridge.directory.LoginName;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The keys failures are counted under. An account is counted by what the directory knows it by
 * (its stable id), so no spelling of its name, no alias of its tenant, buys more guesses; a name
 * that designates no one by its canonical form ({@link dev.authbridge.directory.Tenants#canonical}).
 */
public final class LockoutKeys {
    /** Keys longer than any real one are kept as their hash: the key column stays small. */
    private static final int MAX_KEY = 300;

    private LockoutKeys() {}

    /** An account found in the directory: {@link Account#id()}. */
    public static String account(Account account) {
        return bounded(account.id());
    }

    /** The account of a signed-in user, known by the token's subject and DN ({@link Account#key}). */
    public static String account(String subject, String dn) {
        return bounded(Account.key(subject, dn));
    }

    /**
     * A name that designates no one: <code>tenant&#92;user</code> canonical, the tenant named by
     * its first domain; a user outside every tenant is <code>&#92;user</code>; an unknown tenant
     * keeps its domain.
     */
    public static String user(LoginName login) {
        return bounded(login.toString());
    }

    /** A client by its {@code client_id}, as presented (ids are compared exactly). */
    public static String client(String clientId) {
        return bounded(clientId);
    }

    /**
     * The operator of the ops API by the name presented, counted as a name ({@link
     * LockoutKind#USER}): {@code ops:name} has no backslash, so no user name's key is ever the same.
     */
    public static String operator(String name) {
        return bounded("ops:" + name);
    }

    /**
     * The address as text; an IPv6 address by its /64 network, since one subscriber usually
     * holds a whole /64 and could otherwise rotate through 2^64 keys. {@code null} (no network
     * request) stays null.
     */
    public static String address(String ip) {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.matches("[0-9A-Fa-f:.]+")) {
            return ip; // not a literal address: never resolved through DNS
        }
        try {
            byte[] bytes = InetAddress.getByName(ip).getAddress();
            if (bytes.length == 16) {
                byte[] network = Arrays.copyOf(bytes, 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return ip;
        }
    }

    private static String bounded(String key) {
        return key.length() <= MAX_KEY ? key : "sha256:" + sha256(key);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
