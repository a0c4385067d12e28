/** JMH benchmarks of Warden against its peers (issue 4). */
package dev.warden.benchmarks;
