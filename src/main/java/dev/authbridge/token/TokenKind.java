package dev.authbridge.token;

public enum TokenKind {
    ACCESS,
    REFRESH
}
