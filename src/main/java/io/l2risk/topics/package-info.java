/**
 * The topic registry ({@link io.l2risk.topics.Topics}, built once from
 * {@link io.l2risk.topics.TopicSettings}) and {@link io.l2risk.topics.TopicManager}, which creates
 * missing topics and reports drift without silently altering existing ones.
 */
package io.l2risk.topics;
