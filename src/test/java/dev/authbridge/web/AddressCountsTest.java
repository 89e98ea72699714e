package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressCountsTest {

    @Test
    void tryAcquireWhenAtCapThenRefusedUntilReleased() {
        AddressCounts counts = new AddressCounts(2);
        assertTrue(counts.tryAcquire("192.0.2.1"));
        assertTrue(counts.tryAcquire("192.0.2.1"));
        assertFalse(counts.tryAcquire("192.0.2.1"));
        assertTrue(counts.tryAcquire("192.0.2.2"));
        counts.release("192.0.2.1");
        assertTrue(counts.tryAcquire("192.0.2.1"));
    }

    @Test
    void releaseWhenCountsFallToZeroThenAddressForgotten() {
        AddressCounts counts = new AddressCounts(5);
        for (int i = 0; i < 10_000; i++) {
            String key = "10.0." + (i / 256) + "." + (i % 256);
            assertTrue(counts.tryAcquire(key));
            counts.release(key);
        }
        assertEquals(0, counts.addresses());
    }

    @Test
    void keyWhenIpv6ThenItsSlash64() throws Exception {
        String a = AddressCounts.key(InetAddress.getByName("2001:db8:1:2:aaaa::1"));
        String b = AddressCounts.key(InetAddress.getByName("2001:db8:1:2:ffff:1:2:3"));
        String c = AddressCounts.key(InetAddress.getByName("2001:db8:1:3::1"));
        assertEquals(a, b);
        assertFalse(a.equals(c));
        assertEquals("192.0.2.7", AddressCounts.key(InetAddress.getByName("192.0.2.7")));
    }
}
