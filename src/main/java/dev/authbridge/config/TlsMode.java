package dev.authbridge.config;

/** How authbridge protects its connections to the directory. */
public enum TlsMode {
    NONE,
    STARTTLS,
    LDAPS
}
