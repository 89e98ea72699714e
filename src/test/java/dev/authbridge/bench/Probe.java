package dev.authbridge.bench;

import java.net.URI;

/** One-off requests before a scenario: what the server under test offers. */
final class Probe {
    private Probe() {}

    /** Whether {@code GET path} answers 200. */
    static boolean ok(URI base, String path) {
        try (HttpConnection h = new HttpConnection(base)) {
            return h.get(path, null).status() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether one client of a scenario can be opened and its first operation succeeds. */
    static boolean works(LoadRunner.ClientFactory clients) {
        try (LoadRunner.Client c = clients.open(0)) {
            return c.step();
        } catch (Exception e) {
            return false;
        }
    }
}
