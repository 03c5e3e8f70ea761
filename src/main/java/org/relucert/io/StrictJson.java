package org.relucert.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.relucert.InvalidInputException;

/**
 * The one JSON parser of the readers: strict (trailing content after the document and repeated keys are
 * errors, not silently ignored or overwritten) and bounded (nesting, number and string lengths within
 * documented limits), with every failure turned into a one-line {@link InvalidInputException} that names
 * the file and, where the parser knows it, the line and column.
 */
public final class StrictJson {
    /** Deepest nesting of arrays and objects accepted (a network file needs 5). */
    public static final int MAX_NESTING = 200;
    /** Longest number literal accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    com.fasterxml.jackson.core.JsonFactory.builder()
                            .streamReadConstraints(StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_NESTING)
                                    .maxNumberLength(MAX_NUMBER_LENGTH)
                                    .build())
                            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private StrictJson() {
    }

    /** The mapper, for writers. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses one JSON document; {@code source} names the file in error messages. */
    public static JsonNode parse(String text, String source) {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException(source + ": empty file (expected a JSON document)");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new InvalidInputException(source + ": malformed JSON" + where + ": " + firstLine(what));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
