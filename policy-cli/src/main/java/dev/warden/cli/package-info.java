/** The {@code warden} command. */
package dev.warden.cli;
