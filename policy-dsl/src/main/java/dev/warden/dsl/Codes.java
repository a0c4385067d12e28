package dev.warden.dsl;

import dev.warden.core.InvalidConditionException;
import dev.warden.core.InvalidNameException;
import dev.warden.core.InvalidPatternException;
import dev.warden.core.PolicySetProblem;

/**
 * The stable diagnostic codes. {@code E0xx} syntax, {@code E1xx} meaning (names, actions,
 * patterns), {@code E2xx} Bird JSON, {@code E3xx} limits, {@code E4xx} input/output. A code,
 * once published, keeps its meaning; docs/language.md lists them all.
 *
 * <p>The problems policy-core finds are data with a kind; {@link #of(PolicySetProblem.Kind)},
 * {@link #of(InvalidPatternException.Kind)} and {@link #of(InvalidNameException.Kind)} give each
 * kind its code (a kind without one does not compile).
 */
final class Codes {
    /** Unexpected or missing token. */
    static final String SYNTAX = "E001";
    /** A string without its closing quote. */
    static final String UNTERMINATED_STRING = "E002";
    /** An unknown escape in a string. */
    static final String BAD_ESCAPE = "E003";
    /** Two statements on one line without {@code ;} between them. */
    static final String MISSING_SEPARATOR = "E004";
    /**
     * A character that could make a policy file read differently to a reviewer than to the parser:
     * a control character, a lone carriage return, a line separator or a bidirectional control.
     */
    static final String UNSAFE_CHARACTER = "E005";
    /** Too many errors in one file: the rest are not shown. */
    static final String TOO_MANY_ERRORS = "E099";

    /**
     * A problem the policy-set builder found in an item the readers had already accepted: a
     * declared action name it refuses ({@link PolicySetProblem.Kind#INVALID_ACTION_NAME}; the
     * readers check action names with the same rule first). The readers and the core disagree.
     */
    static final String INVALID_SET = "E100";
    /** A reserved word used as a name. */
    static final String KEYWORD_AS_NAME = "E101";
    /** A name that is empty, holds a control character or, unquoted, is not an identifier. */
    static final String INVALID_NAME = "E102";
    /** An action that is neither built-in nor declared. */
    static final String UNKNOWN_ACTION = "E103";
    /** A word that cannot be an action name. */
    static final String INVALID_ACTION = "E104";
    /** A declaration of a built-in action. */
    static final String BUILT_IN_ACTION = "E105";
    /** Two policies with one name. */
    static final String DUPLICATE_POLICY = "E106";
    /** Two roles with one name. */
    static final String DUPLICATE_ROLE = "E107";
    /** A role naming a policy that is not loaded. */
    static final String UNKNOWN_POLICY = "E108";
    /** A Bird JSON condition operator that is not one ({@code conditionsAll}, {@code conditionsAny}). */
    static final String CONDITIONS = "E109";
    /** An invalid resource pattern. */
    static final String INVALID_PATTERN = "E110";
    /** Two different definitions of one policy in Bird JSON (at least one embedded in a role). */
    static final String CONFLICTING_COPIES = "E111";
    /** A condition key that is not {@code principal.id}, {@code principal.NAME} or {@code context.NAME}. */
    static final String CONDITION_KEY = "E120";
    /** An operator with a value of a type it does not take. */
    static final String CONDITION_TYPE = "E121";
    /** A list that is empty, mixes types, or ends with a comma. */
    static final String CONDITION_LIST = "E122";
    /** An IP address or range that is not one, or a range with bits set past its prefix. */
    static final String CONDITION_ADDRESS = "E123";
    /** A timestamp that is not RFC 3339 with an offset. */
    static final String CONDITION_TIMESTAMP = "E124";
    /** An unquoted value that is no number, timestamp or address. */
    static final String CONDITION_VALUE = "E125";
    /** A glob with a backslash before something other than {@code *} or {@code \}. */
    static final String CONDITION_GLOB = "E126";

    /** Not JSON. */
    static final String BAD_JSON = "E201";
    /** A JSON value of the wrong type. */
    static final String JSON_TYPE = "E202";
    /** A required JSON field is missing. */
    static final String JSON_MISSING = "E203";
    /** A JSON value of the right type but not an allowed one (an effect, an empty list). */
    static final String JSON_VALUE = "E204";
    /** A JSON object that is neither a policy nor a role. */
    static final String JSON_KIND = "E205";
    /**
     * A definition field Warden does not read in place of one it does ({@code notResources},
     * {@code Resources}, {@code conditions}...): ignoring it would change what the statement grants or denies.
     */
    static final String JSON_UNREAD_FIELD = "E206";

    /** A file larger than {@link Limits#MAX_FILE_BYTES}. */
    static final String FILE_TOO_LARGE = "E301";
    /** A policy with more than {@link Limits#MAX_STATEMENTS} statements. */
    static final String TOO_MANY_STATEMENTS = "E302";
    /** A statement with more than {@link Limits#MAX_PATTERNS} patterns. */
    static final String TOO_MANY_PATTERNS = "E303";
    /** A pattern longer than {@link dev.warden.core.ResourcePattern#MAX_LENGTH} characters. */
    static final String PATTERN_TOO_LONG = "E304";
    /** A pattern with more segments than a path may have. */
    static final String TOO_MANY_SEGMENTS = "E305";
    /** A name longer than {@link dev.warden.core.Limits#MAX_NAME_LENGTH}. */
    static final String NAME_TOO_LONG = "E306";
    /** JSON nested deeper than {@link Limits#MAX_JSON_DEPTH}. */
    static final String JSON_TOO_DEEP = "E307";
    /** A statement with more than {@link Limits#MAX_ACTIONS} actions. */
    static final String TOO_MANY_ACTIONS = "E308";
    /** A load of more than {@link Limits#MAX_FILES} files. */
    static final String TOO_MANY_FILES = "E309";
    /** A load declaring more than {@link Limits#MAX_DECLARED_ACTIONS} actions. */
    static final String TOO_MANY_DECLARED_ACTIONS = "E310";
    /** More clauses in one condition than the core's limit. */
    static final String TOO_MANY_CLAUSES = "E311";
    /** More values in one condition list than the core's limit. */
    static final String TOO_MANY_LIST_VALUES = "E312";

    /** A path that does not exist. */
    static final String NOT_FOUND = "E401";
    /** A file that cannot be read. */
    static final String UNREADABLE = "E402";
    /** A file that is not UTF-8. */
    static final String NOT_UTF8 = "E403";
    /** A file that is neither {@code .policy} nor {@code .json}. */
    static final String UNKNOWN_FORMAT = "E404";
    /** A directory without {@code .policy} or {@code .json} files. */
    static final String EMPTY_DIRECTORY = "E405";

    /** A policy test file ({@code .wtest}) that does not follow the test format. */
    static final String TEST_SYNTAX = "E501";
    /** An unknown reason in an {@code expect} line. */
    static final String TEST_REASON = "E502";
    /** An {@code expect} line before any {@code principal} line of its test. */
    static final String TEST_NO_PRINCIPAL = "E503";
    /** Two tests with one name in a file. */
    static final String TEST_DUPLICATE = "E504";
    /** A test without its closing brace, or a closing brace without a test. */
    static final String TEST_BRACES = "E505";
    /** A test with no {@code expect} line. */
    static final String TEST_EMPTY = "E506";

    private Codes() {}

    /** The code of a problem of a policy set. */
    static String of(PolicySetProblem.Kind kind) {
        return switch (kind) {
            case INVALID_ACTION_NAME -> INVALID_SET;
            case BUILT_IN_ACTION -> BUILT_IN_ACTION;
            case DUPLICATE_POLICY -> DUPLICATE_POLICY;
            case DUPLICATE_ROLE -> DUPLICATE_ROLE;
            case UNKNOWN_ACTION -> UNKNOWN_ACTION;
            case UNKNOWN_POLICY_IN_ROLE -> UNKNOWN_POLICY;
        };
    }

    /** The code of a problem of a resource pattern: the limits have their own. */
    static String of(InvalidPatternException.Kind kind) {
        return switch (kind) {
            case TOO_LONG -> PATTERN_TOO_LONG;
            case TOO_MANY_SEGMENTS -> TOO_MANY_SEGMENTS;
            case NOT_ABSOLUTE, NO_SEGMENTS, TRAILING_SLASH, EMPTY_SEGMENT, DOT_SEGMENT, BAD_CHARACTER,
                    DOUBLE_STAR_NOT_LAST, DOUBLE_STAR_IN_SEGMENT, VARIABLE_NOT_WHOLE_SEGMENT,
                    UNKNOWN_VARIABLE_NAMESPACE, NOT_AN_ATTRIBUTE -> INVALID_PATTERN;
        };
    }

    /** The code of a problem of a condition. */
    static String of(InvalidConditionException.Kind kind) {
        return switch (kind) {
            case UNKNOWN_KEY_NAMESPACE, BAD_KEY_NAME -> CONDITION_KEY;
            case OPERATOR_TYPE_MISMATCH -> CONDITION_TYPE;
            case MIXED_LIST, EMPTY_LIST -> CONDITION_LIST;
            case BAD_ADDRESS, CIDR_HOST_BITS -> CONDITION_ADDRESS;
            case BAD_TIMESTAMP -> CONDITION_TIMESTAMP;
            case UNKNOWN_LITERAL -> CONDITION_VALUE;
            case BAD_GLOB_ESCAPE -> CONDITION_GLOB;
            case TOO_MANY_CLAUSES -> TOO_MANY_CLAUSES;
            case TOO_MANY_VALUES -> TOO_MANY_LIST_VALUES;
        };
    }

    /** The code of a problem of a policy or role name: the limit has its own. */
    static String of(InvalidNameException.Kind kind) {
        return switch (kind) {
            case EMPTY, CONTROL_CHARACTER -> INVALID_NAME;
            case TOO_LONG -> NAME_TOO_LONG;
        };
    }
}
