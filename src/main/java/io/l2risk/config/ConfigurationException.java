package io.l2risk.config;

/**
 * A setting is missing, unknown or invalid. The message names the setting, where it came from and
 * what is expected; it never contains a secret value.
 */
public class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
