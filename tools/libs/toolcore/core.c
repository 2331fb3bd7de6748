/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxentoolcore: the registry of open handles and restrict_all. */
#include <pthread.h>

#include "private.h"

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
/* Newest first: restrict_all visits handles in reverse order of opening. */
static Xentoolcore__Active_Handle *registry_head;

EXPORT void xentoolcore__register_active_handle(Xentoolcore__Active_Handle *ah)
{
    if (!ah)
        return;
    pthread_mutex_lock(&registry_lock);
    /* Linking it in twice would make the list a cycle. */
    if (ah->entry.prev_next) {
        pthread_mutex_unlock(&registry_lock);
        return;
    }
    ah->entry.next = registry_head;
    if (registry_head)
        registry_head->entry.prev_next = &ah->entry.next;
    ah->entry.prev_next = &registry_head;
    registry_head = ah;
    pthread_mutex_unlock(&registry_lock);
}

EXPORT void xentoolcore__deregister_active_handle(Xentoolcore__Active_Handle *ah)
{
    if (!ah)
        return;
    pthread_mutex_lock(&registry_lock);
    if (ah->entry.prev_next) {
        *ah->entry.prev_next = ah->entry.next;
        if (ah->entry.next)
            ah->entry.next->entry.prev_next = ah->entry.prev_next;
        ah->entry.next = NULL;
        ah->entry.prev_next = NULL;
    }
    pthread_mutex_unlock(&registry_lock);
}

EXPORT int xentoolcore_restrict_all(domid_t domid)
{
    Xentoolcore__Active_Handle *ah;
    int rc = 0;

    pthread_mutex_lock(&registry_lock);
    for (ah = registry_head; ah && rc == 0; ah = ah->entry.next)
        rc = ah->restrict_callback(ah, domid) ? -1 : 0;
    /* pthread_mutex_unlock leaves errno alone: the callback's stays. */
    pthread_mutex_unlock(&registry_lock);
    return rc;
}
