/**
 * IPv4 addresses of simulated pods: RTPS locators carry IP addresses, netem's UDP network names endpoints, so
 * hosts translate through one shared book. An address missing from it (a multicast group, a peer that does not
 * exist) is unreachable: pod networks of the modelled CNIs carry no multicast.
 */
export class AddressBook {
  private readonly byIp = new Map<string, string>();
  private readonly byEndpoint = new Map<string, string>();

  add(ip: string, endpoint: string): void {
    if (this.byIp.has(ip)) throw new Error(`netem/rtps: address ${ip} is already assigned to ${this.byIp.get(ip)!}`);
    if (this.byEndpoint.has(endpoint)) throw new Error(`netem/rtps: endpoint ${endpoint} already has an address`);
    this.byIp.set(ip, endpoint);
    this.byEndpoint.set(endpoint, ip);
  }

  endpointOf(ip: string): string | undefined {
    return this.byIp.get(ip);
  }

  ipOf(endpoint: string): string {
    const ip = this.byEndpoint.get(endpoint);
    if (ip === undefined) throw new Error(`netem/rtps: endpoint ${endpoint} has no address`);
    return ip;
  }
}
