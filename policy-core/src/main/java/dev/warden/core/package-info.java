/**
 * Warden's core: the policy model, request canonicalisation, the pattern compiler, the segment
 * trie and the {@link dev.warden.core.Authorizer}. The public types are the model ({@link
 * dev.warden.core.PolicySet}, {@link dev.warden.core.Policy}, {@link dev.warden.core.Statement},
 * {@link dev.warden.core.Role}, {@link dev.warden.core.Principal}), the request and its answer
 * ({@link dev.warden.core.ResourcePath}, {@link dev.warden.core.Decision}, {@link
 * dev.warden.core.Reason}, {@link dev.warden.core.MatchedStatement}), why it was decided so ({@link
 * dev.warden.core.Explanation}) and the read-only structure of
 * a pattern ({@link dev.warden.core.ResourcePattern#segments}, a list of {@link
 * dev.warden.core.PatternSegment}s over the characters of {@link dev.warden.core.SegmentAlphabet}).
 * Everything else is package-private; the helpers policy-dsl shares with the model are in {@code
 * dev.warden.core.internal}, which the module exports to policy-dsl alone.
 *
 * <h2>Compiling a policy set</h2>
 * {@code Compiler} inserts every {@code ResourcePattern} of every statement, segment by segment
 * ({@code ResourcePattern.segments()}), into a trie of mutable drafts, files the statement as a
 * {@code TrieEntry} at the node where the pattern ends (or ends in {@code **}) under each of its
 * actions, then freezes the drafts bottom up into immutable {@code Node}s; globs and variables
 * become {@code GlobMatcher}s and {@code VariableMatcher}s. The result, {@code Compiled}, also holds
 * the action ids and the role-to-policy table. The {@code Authorizer} swaps it in as one reference.
 *
 * <h2>The path of one decision</h2>
 * <pre>
 * Authorizer.decide(AccessRequest)     the one path; authorize(principal, action, resource) and
 *   |                                    authorizeHttp(principal, method, target) build the request
 *   |  Caffeine cache keyed by the request as given (AccessRequest.OnResource is its own key):
 *   |  a hit returns the Decision
 *   v
 * AccessRequest.resourcePath()           canonicalise (ResourcePath.ofResource / ofHttpPath): split
 *   |                                    on `/`, percent-decode once, check each
 *   |                                    character with SegmentAlphabet; else deny malformed_request
 *   v
 * Compiled.actionId                      the action's id (an HTTP method's through Actions); else
 *   |                                    deny unknown_action; the HTTP and OnPath forms are cached
 *   v                                    from here on, keyed by principal, action id, canonical path
 *   v
 * Compiled.decide -&gt; grantOf             resolve the principal's statements: its policies and its
 *   |                                    roles' policies as sorted policy ids, a Grant remembered in
 *   |                                    the Principal for this Compiled; else deny unknown_policy
 *   v
 * TrieWalk.decide(Compiled.root, ...)    walk the Node trie along the path's segments: the literal
 *   |                                    child, `*`, each GlobMatcher and VariableMatcher that matches,
 *   |                                    and Node.rest (`**`) before the end, Node.exact at it;
 *   |                                    collect the TrieEntrys of granted policies for the action
 *   v
 * TrieWalk.decision                      a deny: explicit_deny; else an allow: allowed; else no_match
 * </pre>
 *
 * <p>A decision on this path allocates the {@code ResourcePath} (the object and its segment bounds;
 * a decoded string only when the path holds escapes), one {@code TrieWalk}, the cache key when
 * there is a cache, a {@code Grant} only the first time a principal meets a compiled set, and a
 * list of matched statements only when more than one matched. The slow, explaining matcher ({@code
 * ResourcePattern.match}, package-private) reads the same {@code PatternSegment}s and says where a
 * pattern stopped matching; {@link dev.warden.core.Explanation} is built on it.
 */
package dev.warden.core;
