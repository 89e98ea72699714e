package dev.authbridge.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR block ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}), as
 * configured for trusted reverse proxies. Only literal addresses are accepted: a host name would
 * be resolved through DNS, which whoever controls DNS could then point anywhere.
 */
public record NetworkRange(byte[] network, int prefixLength, String text) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** @throws IllegalArgumentException when {@code text} is not an address or CIDR block */
    public static NetworkRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        // Only the canonical literal forms: InetAddress also takes "10.1" for 10.0.0.1.
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException(text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
        int bits = bytes.length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(text);
        }
        return new NetworkRange(bytes, prefix, trimmed);
    }

    /** Whether {@code address} lies in this range (an IPv4 range never holds an IPv6 address). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkRange r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
