package com.voicegateway.problems.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The problem types in code and the ones docs/api.md promises are the same list, with the same statuses. */
class ProblemTypeTest {

    /** A table row of docs/api.md: {@code | `slug` | 404 | ...} or {@code | `a` / `b` | 400 | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z-]+`(?: / `[a-z-]+`)*) \\| (\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void slugsAreUniqueAndStatusesAreErrors() {
        assertEquals(ProblemType.values().length, Arrays.stream(ProblemType.values()).map(ProblemType::slug).distinct().count());
        for (ProblemType type : ProblemType.values()) {
            assertTrue(type.status() >= 400 && type.status() < 600, type + " has status " + type.status());
            assertTrue(type.slug().matches("[a-z]+(-[a-z]+)*"), type.slug());
            assertTrue(!type.title().isBlank(), type + " has a title");
        }
    }

    @Test
    void everyTypeIsDocumentedWithItsStatusAndNothingElseIs() throws IOException {
        Map<String, Integer> documented = documented(Files.readString(Path.of("../docs/api.md")));
        Map<String, Integer> coded = new TreeMap<>();
        for (ProblemType type : ProblemType.values()) {
            coded.put(type.slug(), type.status());
        }
        assertEquals(coded, documented, "docs/api.md's problem tables and ProblemType differ");
    }

    @Test
    void theDocReaderSeesCombinedRowsAndStatuses() {
        assertEquals(Map.of("a-b", 400, "c", 400, "d", 503),
                documented("| `a-b` / `c` | 400 | x |\n| `d` | 503 | y |\n| `http-<status>` | that status | z |\n"));
    }

    /** Every slug in a problem-table row with its status; a slug in two tables must have one status. */
    private static Map<String, Integer> documented(String doc) {
        Map<String, Integer> slugs = new TreeMap<>();
        Matcher row = ROW.matcher(doc);
        while (row.find()) {
            int status = Integer.parseInt(row.group(2));
            for (String slug : row.group(1).replace("`", "").split(" / ")) {
                Integer before = slugs.put(slug, status);
                assertTrue(before == null || before == status, slug + " is documented with " + before + " and " + status);
            }
        }
        return slugs;
    }
}
