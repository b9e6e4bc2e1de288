/**
 * Whistle dispatch (吹哨亮灯): residents' reports are graded, routed to the right grid level
 * and people, given clocks, escalated when late, and followed to closure by the resident.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "geo", "organisation" })
package org.fengqiao.dispatch;
