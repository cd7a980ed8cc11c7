/**
 * The demo of the README's quick start: synthetic normal and defect stacks, trained, scored and evaluated with the
 * commands.
 */
package org.ganomaly.fiji.demo;
