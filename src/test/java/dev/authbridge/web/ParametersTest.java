package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Parameters#single}, the one reading of a query or form parameter. */
class ParametersTest {

    @Test
    void singleWhenAbsentOrEmptyThenNull() {
        assertNull(Parameters.single(Map.of(), "state"));
        assertNull(Parameters.single(Map.of("state", List.of()), "state"));
        assertNull(Parameters.single(Map.of("state", List.of("")), "state"));
    }

    @Test
    void singleWhenGivenOnceThenItsValue() {
        assertEquals("s-1", Parameters.single(Map.of("state", List.of("s-1")), "state"));
    }

    @Test
    void singleWhenGivenTwiceThenRefusedWhateverTheValues() {
        for (List<String> values : List.of(List.of("a", "b"), List.of("a", "a"), List.of("", "a"), List.of("", ""))) {
            RepeatedParameterException e = assertThrows(RepeatedParameterException.class,
                    () -> Parameters.single(Map.of("state", values), "state"));
            assertEquals("parameter 'state' is repeated", e.getMessage());
            assertEquals(400, e.problem().status());
        }
    }

    @Test
    void singleWhenRepeatedNameHostileThenEchoedShortAndPrintable() {
        String name = "<script>" + "x".repeat(100);
        RepeatedParameterException e = assertThrows(RepeatedParameterException.class,
                () -> Parameters.single(Map.of(name, List.of("1", "2")), name));
        assertEquals("parameter '?script?" + "x".repeat(32) + "…' is repeated", e.getMessage());
    }
}
