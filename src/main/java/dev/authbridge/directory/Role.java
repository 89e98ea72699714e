package dev.authbridge.directory;

import java.util.List;

/** A role (from one group the user belongs to) with that group's privileges. */
public record Role(String name, List<String> privileges) {}
