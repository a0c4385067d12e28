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
parser grammar WardenPolicyParser;

options { tokenVocab = WardenPolicyLexer; }


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

// `when` switches the lexer to its condition mode (below), which ends at the `{`, `}` or `;` that
// ends the statement, or at the next keyword: a condition may go on over following lines.
condition
    : WHEN conjunction (C_OR conjunction)*
    ;

conjunction
    : clause (C_AND clause)*
    ;

clause
    : key=C_WORD operator value
    ;

operator
    : C_OP
    | C_NOT? C_IN
    | C_NOT? C_LIKE
    ;

// A trailing comma is accepted here and refused by the reader, which says so.
value
    : literal
    | C_LBRACKET (literal (C_COMMA literal)* C_COMMA?)? C_RBRACKET
    ;

literal
    : STRING
    | C_WORD
    ;

name
    : WORD
    | STRING
    | keyword
    ;

keyword
    : ACTIONS | POLICY | ROLE | POLICIES | ALLOW | DENY | ON | ANY | WHEN
    ;
