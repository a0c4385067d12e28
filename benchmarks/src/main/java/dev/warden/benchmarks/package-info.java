/** JMH benchmarks of Warden against its peers. */
package dev.warden.benchmarks;
