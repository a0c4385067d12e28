package dev.warden.gateway;

/**
 * The gateway cannot start (or a keys file cannot be read): the message says what is wrong and
 * where ({@code keys.json:4:15: ...}). A message never holds an access key. policy-server's
 * {@code PolicyLoadException} is the one for policies that did not load, with their diagnostics.
 */
public class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
