import { Body, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { type AdminPrincipal, ApiKeyService } from '@switchyard/admin';
import { Principal } from '../auth/admin-principal';
import { CreateApiKeyDto, UpdateApiKeyDto } from '../dto/api-key.dto';
import { AdminController } from '../http/admin-controller.decorator';
import { ParseIdPipe } from '../http/parse-id.pipe';

/** A team's API keys. Lists show the display prefix only; the plaintext is returned once, at creation. */
@AdminController('teams/:teamId/keys')
export class KeysController {
  constructor(@Inject(ApiKeyService) private readonly keys: ApiKeyService) {}

  @Post()
  async create(
    @Principal() principal: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Body() body: CreateApiKeyDto,
  ) {
    const created = await this.keys.createKey(teamId, body, principal);
    return { ...created.key, key: created.plaintext };
  }

  @Get()
  list(@Param('teamId', ParseIdPipe) teamId: string) {
    return this.keys.listKeys(teamId);
  }

  @Get(':keyId')
  get(@Param('teamId', ParseIdPipe) teamId: string, @Param('keyId', ParseIdPipe) keyId: string) {
    return this.keys.getKey(teamId, keyId);
  }

  /** Expiry, allowed models/tiers, RPM/TPM limits, name; gateways drop their cached copy at once. */
  @Patch(':keyId')
  update(
    @Principal() principal: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Param('keyId', ParseIdPipe) keyId: string,
    @Body() body: UpdateApiKeyDto,
  ) {
    return this.keys.updateKey(teamId, keyId, body, principal);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  revoke(
    @Principal() principal: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Param('keyId', ParseIdPipe) keyId: string,
  ) {
    return this.keys.revokeKey(teamId, keyId, principal);
  }

  /** A new key with the same settings; the old one is revoked. */
  @Post(':keyId/rotate')
  async rotate(
    @Principal() principal: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Param('keyId', ParseIdPipe) keyId: string,
  ) {
    const rotated = await this.keys.rotateKey(teamId, keyId, principal);
    return { ...rotated.key, key: rotated.plaintext, revoked: rotated.revoked };
  }
}
