package dev.warden.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * What the admin listener checks before anything else, so that a web page in a browser on the
 * same host can neither call it (CSRF) nor read it through a name it controls (DNS rebinding):
 *
 * <ul>
 *   <li>{@code Host} must be one of the admin listener's own names with its port: its bind
 *       address, {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, and the extra names the
 *       operator allows; else 421;
 *   <li>an {@code Origin} header must be one of those as {@code http://HOST:PORT}, and a {@code
 *       Sec-Fetch-Site} header must be {@code same-origin} or {@code none}; else 403.
 * </ul>
 *
 * <p>The POST endpoints also take only {@code application/json} bodies ({@link #isJson}): a page
 * can send a cross-site POST without asking first only as a form or {@code text/plain}.
 */
final class AdminGuard {
    /** A refused request: the status and what to say. */
    record Refusal(int status, String message) {}

    private final Set<String> hosts;

    /**
     * @param bind the address the admin listener binds (a wildcard address is not a name for it)
     * @param extraHosts further host names or addresses, without a port
     * @param port the port it listens on
     */
    AdminGuard(String bind, List<String> extraHosts, int port) {
        Set<String> names = new LinkedHashSet<>();
        if (!isWildcard(bind)) {
            names.add(bracketed(bind));
        }
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("[::1]");
        for (String h : extraHosts) {
            names.add(bracketed(h));
        }
        Set<String> all = new LinkedHashSet<>();
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            all.add(name + ":" + port);
            if (port == 80) {
                all.add(name);
            }
        }
        this.hosts = Set.copyOf(all);
    }

    /** The {@code Host} values accepted, lower case. */
    Set<String> hosts() {
        return hosts;
    }

    /** Why the request is refused, or empty when it may go on. */
    Optional<Refusal> check(HttpFields headers) {
        List<String> host = headers.getValuesList(HttpHeader.HOST);
        if (host.size() != 1 || !hosts.contains(host.get(0).strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(421, host.size() == 1
                    ? "the admin listener does not answer for host `" + host.get(0) + "` (allowed: "
                            + String.join(", ", hosts) + ", more with --admin-host)"
                    : "the admin listener needs exactly one `Host` header"));
        }
        for (String origin : headers.getValuesList(HttpHeader.ORIGIN)) {
            String o = origin.strip().toLowerCase(Locale.ROOT);
            if (!o.startsWith("http://") || !hosts.contains(o.substring("http://".length()))) {
                return Optional.of(new Refusal(403, "cross-origin requests to the admin listener are refused"));
            }
        }
        for (String site : headers.getValuesList("Sec-Fetch-Site")) {
            String s = site.strip().toLowerCase(Locale.ROOT);
            if (!s.equals("same-origin") && !s.equals("none")) {
                return Optional.of(new Refusal(403, "cross-site requests to the admin listener are refused"));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code Content-Type} is exactly one {@code application/json} value (parameters such
     * as {@code charset} allowed).
     */
    static boolean isJson(List<String> contentType) {
        if (contentType.size() != 1) {
            return false;
        }
        String t = contentType.get(0);
        int semicolon = t.indexOf(';');
        String media = (semicolon < 0 ? t : t.substring(0, semicolon)).strip();
        return media.equalsIgnoreCase("application/json");
    }

    static boolean isWildcard(String address) {
        String a = address.strip();
        return a.isEmpty() || a.equals("0.0.0.0") || a.equals("::") || a.equals("[::]") || a.equals("0:0:0:0:0:0:0:0");
    }

    private static String bracketed(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
