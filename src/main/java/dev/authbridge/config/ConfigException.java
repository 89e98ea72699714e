package dev.authbridge.config;

import java.util.List;

/** The configuration is invalid; {@link #problems()} holds one line per problem, key path first. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
