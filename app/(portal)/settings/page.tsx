import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { requireUser } from '@/lib/auth/session';
import { hasCalendarFeed } from '@/lib/calendar/feed';
import { portalOrigin } from '@/lib/origin';
import { timeZoneOptions } from '@/lib/time/zones';
import { Card } from '@/components/ui/card';
import { CalendarFeed } from '@/components/calendar/calendar-feed';
import { TimeZoneForm } from '@/components/calendar/time-zone-form';
import { NotificationForm } from '@/components/settings/notification-form';
import { getNotificationSettings } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireUser();
  const origin = portalOrigin(await headers());
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">Settings</h1>
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-slate-900">Time zone</h2>
        <p className="mb-4 text-sm text-slate-600">Meeting times are shown to you in this zone, and new meetings are planned in it.</p>
        <TimeZoneForm current={user.timeZone} timeZones={timeZoneOptions(user.timeZone)} />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-slate-900">Reminders and updates</h2>
        <p className="mb-4 text-sm text-slate-600">Mails about your meetings, with times in your time zone.</p>
        <NotificationForm {...await getNotificationSettings(user.id)} />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-slate-900">Calendar subscription</h2>
        <p className="mb-4 text-sm text-slate-600">A private link your calendar app can subscribe to: it lists the meetings you host, co-host or are invited to, and links to their pages here.</p>
        <CalendarFeed origin={origin} active={await hasCalendarFeed(user.id)} />
      </Card>
    </div>
  );
}
