/**
 * The standard Bot Framework endpoint, POST /api/messages, for Azure Bot Service or Teams. Mounted
 * only when Microsoft app credentials are configured: anonymously, CloudAdapter would post replies
 * to whatever serviceUrl a client sent (a server-side request forgery).
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express, { type Express } from 'express';
import { log } from '../../log.js';
import type { TriageBot } from './bot.js';

export interface MicrosoftAppCredentials {
  appId: string;
  password: string;
  tenantId?: string;
  type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

export function mountChannel(app: Express, credentials: MicrosoftAppCredentials, bot: TriageBot): void {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.password,
    MicrosoftAppType: credentials.type,
    ...(credentials.tenantId ? { MicrosoftAppTenantId: credentials.tenantId } : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error('channel_turn_failed', error);
    await context.sendActivity('Något gick fel. Är det akut: ring 112. Kvinnofridslinjen: 020-50 50 50.');
  };
  app.post('/api/messages', express.json({ limit: '256kb' }), (req, res) => adapter.process(req, res, (context) => bot.run(context)));
}
