package dev.authbridge.seed;

import java.util.List;

/**
 * The outcome of one seeding run.
 *
 * @param problems one line each, with the fix; any problem makes the run a failure
 * @param notes information that needs no action (the password scheme used, schema found)
 */
public record SeedReport(List<SeedChange> changes, List<String> problems, List<String> notes) {

    public long count(SeedChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** Whether any entry was (or would be) added or modified. */
    public boolean changed() {
        return changes.stream().anyMatch(c -> c.kind() != SeedChange.Kind.UNCHANGED);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public String summary() {
        long added = count(SeedChange.Kind.ADD) + count(SeedChange.Kind.ADD_PARENT);
        return added + " added, " + count(SeedChange.Kind.MODIFY) + " modified, "
                + count(SeedChange.Kind.UNCHANGED) + " unchanged" + (problems.isEmpty() ? "" : ", " + problems.size() + " problems");
    }
}
