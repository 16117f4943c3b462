// Types for the parts of xmpp.js (@xmpp/*, which ships no TypeScript types) that Gatehouse uses:
// the live check's client (lib/jitsi/live-check.ts) and the stand-in's server (scripts/jitsi-standin/xmpp.ts).

declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: (Element | string)[];
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    toString(): string;
  }
  export function xml(name: string, attrs?: Record<string, string | undefined> | null, ...children: (Element | string | null | undefined)[]): Element;
  export default xml;
}

declare module '@xmpp/xml/lib/parse.js' {
  import type { Element } from '@xmpp/xml';
  export default function parse(data: string): Element;
}

declare module '@xmpp/client' {
  import type { Element } from '@xmpp/xml';
  export { xml } from '@xmpp/xml';
  export type XmppClient = {
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
    on(event: 'stanza', listener: (stanza: Element) => void): void;
    on(event: 'error', listener: (error: Error & { condition?: string; text?: string; code?: string }) => void): void;
    on(event: 'offline' | 'online', listener: () => void): void;
    on(event: 'status', listener: (status: string) => void): void;
    iqCaller: { request(element: Element, timeoutMs?: number): Promise<Element> };
    reconnect: { stop(): void };
    transports: unknown[];
    socket: { socket?: { terminate?: () => void; close?: () => void } | null } | null;
  };
  export function client(options: { service: string; domain: string; resource?: string; timeout?: number }): XmppClient;
}

declare module '@xmpp/websocket/lib/Connection.js' {
  const ConnectionWebSocket: { new (...args: unknown[]): unknown; prototype: { Socket: unknown } };
  export default ConnectionWebSocket;
}

declare module '@xmpp/websocket/lib/Socket.js' {
  export default class Socket {
    url: string | null;
    secure: boolean;
    socket: unknown;
    connect(url: string): void;
    _attachSocket(socket: unknown): void;
  }
}
