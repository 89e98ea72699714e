package dev.authbridge.lockout;

import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.LoginName;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The keys failures are counted under. Spellings that reach the same account share one key,
 * so an attacker cannot multiply the allowed guesses by varying case or a tenant's alias.
 */
public final class LockoutKeys {
    /** Names longer than any real one are keyed by their hash: the key column stays small. */
    private static final int MAX_KEY = 300;

    private LockoutKeys() {}

    /**
     * <code>tenant&#92;user</code> in lower case (directories compare user names without case),
     * with the tenant named by its first domain; a user outside every tenant is
     * <code>&#92;user</code>. An unknown tenant keeps the domain as typed.
     */
    public static String user(LoginName login, List<TenantConfig> tenants) {
        String typed = login.tenantDomain();
        String domain = typed == null ? null : tenants.stream()
                .filter(t -> t.domains().stream().anyMatch(typed::equalsIgnoreCase))
                .map(t -> t.domains().get(0))
                .findFirst()
                .orElse(typed);
        String key = ((domain == null ? "" : domain) + "\\" + login.user()).toLowerCase(Locale.ROOT);
        return key.length() <= MAX_KEY ? key : "sha256:" + sha256(key);
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
