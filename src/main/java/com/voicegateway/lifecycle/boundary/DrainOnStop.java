package com.voicegateway.lifecycle.boundary;

import com.voicegateway.lifecycle.control.Drain;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The application's stop waits for the drain (see {@link Drain#awaitDrained()}): called before the
 * application's beans are destroyed, so the replies in flight still have their threads, metrics and
 * upstream until each has ended with its shutting-down event.
 */
@WebListener
public class DrainOnStop implements ServletContextListener {

    @Inject
    Drain drain;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        drain.awaitDrained();
    }
}
