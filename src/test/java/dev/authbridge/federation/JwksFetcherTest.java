package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How long a JWK set answer stays fresh, read from what its server sent (RFC 9111 §5.2.2.1, §5.1), hostile values included. */
class JwksFetcherTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("nothing said", Map.of(), null),
                Arguments.of("max-age", Map.of("Cache-Control", List.of("max-age=60")), Duration.ofSeconds(60)),
                Arguments.of("upper case, among others", Map.of("Cache-Control", List.of("public, MAX-AGE=600, must-revalidate")),
                        Duration.ofSeconds(600)),
                Arguments.of("quoted", Map.of("Cache-Control", List.of("max-age=\"120\"")), Duration.ofSeconds(120)),
                Arguments.of("in a second header", Map.of("Cache-Control", List.of("public", "max-age=30")), Duration.ofSeconds(30)),
                Arguments.of("other directives only", Map.of("Cache-Control", List.of("private, must-revalidate")), null),
                Arguments.of("no-cache", Map.of("Cache-Control", List.of("no-cache")), Duration.ZERO),
                Arguments.of("no-store beside max-age", Map.of("Cache-Control", List.of("max-age=600, no-store")), Duration.ZERO),
                Arguments.of("negative", Map.of("Cache-Control", List.of("max-age=-5")), Duration.ZERO),
                Arguments.of("empty", Map.of("Cache-Control", List.of("max-age=")), Duration.ZERO),
                Arguments.of("not a number", Map.of("Cache-Control", List.of("max-age=1e9")), Duration.ZERO),
                Arguments.of("overflowing", Map.of("Cache-Control", List.of("max-age=99999999999999999999")), Duration.ZERO),
                Arguments.of("age subtracted", Map.of("Cache-Control", List.of("max-age=300"), "Age", List.of("200")),
                        Duration.ofSeconds(100)),
                Arguments.of("older than max-age", Map.of("Cache-Control", List.of("max-age=300"), "Age", List.of("301")),
                        Duration.ZERO),
                Arguments.of("age not a number", Map.of("Cache-Control", List.of("max-age=300"), "Age", List.of("old")),
                        Duration.ofSeconds(300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void freshnessWhenHeadersThenAsRfc9111Says(String what, Map<String, List<String>> headers, Duration expected) {
        assertEquals(expected, JwksFetcher.freshness(HttpHeaders.of(headers, (name, value) -> true)));
    }
}
