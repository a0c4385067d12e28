/*
 * The Warden policy language (docs/language.md is the reference; keep the two in step).
 *
 * Newlines are not tokens: the reader checks that two statements on one line are separated by
 * `;`. Bare words (names, actions and resource patterns alike) are one token kind, WORD, so that
 * a pattern which is not absolute or holds a bad character reaches the pattern validator whole,
 * which then points at the offending character. Keywords used where a name is expected are
 * accepted by the grammar and rejected by the reader with a precise message.
 *
 * The lexer never sees a control character other than tab, CR and LF, a CR that does not end a
 * line, U+2028, U+2029 or a bidirectional control: the reader refuses such text before lexing
 * (TextSafety), so that no comment can hide text an editor shows as code.
 */
grammar WardenPolicy;

file
    : item* EOF
    ;

item
    : actionsDecl
    | policyDecl
    | roleDecl
    | SEMI
    ;

actionsDecl
    : ACTIONS name (COMMA name)*
    ;

policyDecl
    : POLICY name description? LBRACE (statement | SEMI)* RBRACE
    ;

roleDecl
    : ROLE name description? LBRACE (policiesClause | SEMI)* RBRACE
    ;

policiesClause
    : POLICIES name (COMMA name)*
    ;

description
    : STRING
    ;

statement
    : effect=(ALLOW | DENY) action (COMMA action)* ON pattern (COMMA pattern)* condition?
    ;

action
    : WORD
    | ANY
    ;

pattern
    : WORD
    | STRING
    ;

// Conditions are reserved for a later version: parsed only to be rejected with a clear error.
condition
    : WHEN conditionToken* (LBRACE conditionToken* RBRACE)?
    ;

conditionToken
    : ~(LBRACE | RBRACE | SEMI | ALLOW | DENY | EOF)
    ;

name
    : WORD
    | STRING
    | keyword
    ;

keyword
    : ACTIONS | POLICY | ROLE | POLICIES | ALLOW | DENY | ON | ANY | WHEN
    ;

ACTIONS  : 'actions' ;
POLICY   : 'policy' ;
ROLE     : 'role' ;
POLICIES : 'policies' ;
ALLOW    : 'allow' ;
DENY     : 'deny' ;
ON       : 'on' ;
ANY      : 'any' ;
WHEN     : 'when' ;

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
