package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.authbridge.config.NetworkRange;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which client address a request has, for a table of peers and {@code X-Forwarded-For} values,
 * with trusted proxies 10.0.0.0/8 and fd00::/8: headers count only from a trusted peer, and then
 * the client is the right-most untrusted hop.
 */
class TrustedProxiesTest {
    private static final TrustedProxies PROXIES =
            new TrustedProxies(List.of(NetworkRange.parse("10.0.0.0/8"), NetworkRange.parse("fd00::/8")));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            // an untrusted peer: its headers mean nothing
            "198.51.100.1 | 203.0.113.5                   | NONE",
            // one trusted proxy in front
            "10.0.0.2     | 203.0.113.5                   | 203.0.113.5",
            // the client wrote a fake entry first; the proxy appended the real one
            "10.0.0.2     | 6.6.6.6, 203.0.113.5          | 203.0.113.5",
            // two trusted proxies: skip both
            "10.0.0.2     | 203.0.113.5, 10.1.1.1        | 203.0.113.5",
            // header repeated, ports and brackets
            "10.0.0.2     | 203.0.113.5:4711              | 203.0.113.5",
            "fd00::1      | [2001:db8::7]:443             | 2001:db8::7",
            // garbage from upstream: the last trusted hop is all that is known
            "10.0.0.2     | unknown, 10.9.9.9             | 10.9.9.9",
            "10.0.0.2     | <script>                      | 10.0.0.2",
            // a host name is never resolved
            "10.0.0.2     | evil.example                  | 10.0.0.2",
            "10.0.0.2     | 203.1                         | 10.0.0.2",
            // everything trusted: the left-most
            "10.0.0.2     | 10.0.0.3                      | 10.0.0.3",
            "10.0.0.2     | ''                            | 10.0.0.2"})
    void resolveWhenForwardedForThenRightMostUntrustedHop(String peer, String forwardedFor, String client) throws Exception {
        TrustedProxies.Forwarded forwarded = PROXIES.resolve(InetAddress.getByName(peer),
                forwardedFor.isEmpty() ? List.of() : List.of(forwardedFor), null, null, null);
        if (client == null) {
            assertNull(forwarded);
        } else {
            assertEquals(InetAddress.getByName(client), forwarded.client());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "https            | sso.example.com      | NONE | https | sso.example.com | -1",
            "HTTPS, http      | sso.example.com:8443 | NONE | https | sso.example.com | 8443",
            "ftp              | bad host!            | NONE | NONE  | NONE            | -1",
            "http             | [2001:db8::1]        | 8080 | http  | [2001:db8::1]   | 8080"})
    void resolveWhenProtoAndHostThenValidatedOrIgnored(String proto, String host, String port, String scheme,
            String expectedHost, int expectedPort) throws Exception {
        TrustedProxies.Forwarded f = PROXIES.resolve(InetAddress.getByName("10.0.0.2"), List.of(), proto, host, port);
        assertEquals(scheme, f.scheme());
        assertEquals(expectedHost, f.host());
        assertEquals(expectedPort, f.port());
    }
}
