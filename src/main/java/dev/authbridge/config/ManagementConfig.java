package dev.authbridge.config;

/**
 * Health checks and Prometheus metrics ({@code management}).
 *
 * @param port a separate listener for them, or {@code null} to serve them on the API's listener
 * @param host the separate listener's address (the API's host by default)
 * @param healthPath prefix of {@code /live} and {@code /ready}
 * @param metricsPath the Prometheus scrape path; {@code null} turns metrics off
 */
public record ManagementConfig(Integer port, String host, String healthPath, String metricsPath) {

    public boolean separateListener() {
        return port != null;
    }
}
