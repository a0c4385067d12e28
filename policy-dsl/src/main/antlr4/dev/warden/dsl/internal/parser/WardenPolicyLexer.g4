/*
 * The tokens of the Warden policy language; WardenPolicyParser.g4 has the rules (docs/language.md
 * is the reference; keep the three in step).
 */
lexer grammar WardenPolicyLexer;

ACTIONS  : 'actions' ;
POLICY   : 'policy' ;
ROLE     : 'role' ;
POLICIES : 'policies' ;
ALLOW    : 'allow' ;
DENY     : 'deny' ;
ON       : 'on' ;
ANY      : 'any' ;
WHEN     : 'when' -> pushMode(CONDITION) ;

LBRACE : '{' ;
RBRACE : '}' ;
COMMA  : ',' ;
SEMI   : ';' ;

// A double-quoted string; the reader decodes and checks the escapes.
STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
    ;

// A string without its closing quote, up to the end of the line: reported as such.
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])*
    ;

// A bare word: a name, an action or a resource pattern. `#` starts a comment only at the start
// of a word; `{` and `}` may appear inside a word only as a `${...}` variable.
WORD
    : WORD_START (WORD_CHAR | VARIABLE)*
    | VARIABLE (WORD_CHAR | VARIABLE)*
    ;

COMMENT
    : '#' ~[\r\n]* -> channel(HIDDEN)
    ;

NEWLINE
    : ('\r'? '\n' | '\r') -> channel(HIDDEN)
    ;

WS
    : [ \t\f]+ -> channel(HIDDEN)
    ;

// Anything else is handed to the parser, which reports it.
ERROR_CHAR
    : .
    ;

fragment WORD_START
    : ~[ \t\f\r\n,;{}"#]
    ;

fragment WORD_CHAR
    : ~[ \t\f\r\n,;{}"]
    ;

fragment VARIABLE
    : '${' ~[ \t\f\r\n,;{}"]* '}'?
    ;

// The condition of a statement: keys, operators and literals. What ends the statement (`{`, `}`,
// `;`, a keyword that starts the next statement or item) goes back to the default mode as its
// usual token.
mode CONDITION;

C_LBRACE   : '{' -> type(LBRACE), popMode ;
C_RBRACE   : '}' -> type(RBRACE), popMode ;
C_SEMI     : ';' -> type(SEMI), popMode ;
C_ALLOW    : 'allow' -> type(ALLOW), popMode ;
C_DENY     : 'deny' -> type(DENY), popMode ;
C_POLICY   : 'policy' -> type(POLICY), popMode ;
C_ROLE     : 'role' -> type(ROLE), popMode ;
C_ACTIONS  : 'actions' -> type(ACTIONS), popMode ;
C_POLICIES : 'policies' -> type(POLICIES), popMode ;

C_AND      : 'and' ;
C_OR       : 'or' ;
C_NOT      : 'not' ;
C_IN       : 'in' ;
C_LIKE     : 'like' ;
C_OP       : '==' | '!=' | '<=' | '>=' | '<' | '>' ;
C_LBRACKET : '[' ;
C_RBRACKET : ']' ;
C_COMMA    : ',' ;

C_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' -> type(STRING)
    ;

C_UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* -> type(UNTERMINATED_STRING)
    ;

// A key (`context.ip`) or an unquoted literal: an address or range, a timestamp, a number.
C_WORD
    : [A-Za-z0-9_.:/+%-]+
    ;

C_COMMENT
    : '#' ~[\r\n]* -> type(COMMENT), channel(HIDDEN)
    ;

C_NEWLINE
    : ('\r'? '\n' | '\r') -> type(NEWLINE), channel(HIDDEN)
    ;

C_WS
    : [ \t\f]+ -> type(WS), channel(HIDDEN)
    ;

C_ERROR_CHAR
    : . -> type(ERROR_CHAR)
    ;
